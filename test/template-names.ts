import { join } from 'node:path';

export const TEMPLATE_DIR = join(process.cwd(), '.tmp', 'test');

/** The same server as `adminUrl`, another database. */
export function databaseUrlFor(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}
