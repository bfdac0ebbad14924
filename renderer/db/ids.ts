/** New GUIDs for rows: lower-case 8-4-4-4-12, so they travel unchanged through REFI-QDA. */
export function newId<T extends string>(): T {
  return crypto.randomUUID() as T;
}

export function now(): string {
  return new Date().toISOString();
}
