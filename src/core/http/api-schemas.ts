import { Type, type TSchema } from '@sinclair/typebox';

/** The error envelope every API error uses. */
export const ErrorResponse = Type.Object(
  {
    error: Type.Object({
      code: Type.String(),
      message: Type.String(),
      reason: Type.Optional(Type.String()),
      fields: Type.Optional(Type.Record(Type.String(), Type.String())),
      requestId: Type.String(),
    }),
  },
  { $id: undefined, description: 'Error' },
);

/** `{ data: T }` — the success envelope of the JSON API. */
export const DataEnvelope = <T extends TSchema>(data: T) => Type.Object({ data });

/** Standard error responses to add to a route's schema. */
export const ERROR_RESPONSES = { 400: ErrorResponse, 404: ErrorResponse, 429: ErrorResponse };
