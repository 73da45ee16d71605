/** Public paths of the Comunidad de datos. */
export const REQUESTS_PATH = '/datos/solicitudes';
export const REUSES_PATH = '/datos/usos';
export const requestPath = (id: string) => `${REQUESTS_PATH}/${id}`;
export const reusePath = (id: string) => `${REUSES_PATH}/${id}`;
export const reuseImagePath = (id: string) => `${reusePath(id)}/imagen`;
