// Row ids are UUIDs. A string of any other shape names no row: the verbs answer "not found" for it
// without asking the database (which would refuse to compare it with a uuid column).
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `value` has the shape of an id. */
export const isUuid = (value: string): boolean => UUID.test(value);
