/** Pretty-prints JSON text, or returns it unchanged when it is not (complete) JSON. */
export function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text) as unknown, null, 2);
  } catch {
    return text;
  }
}
