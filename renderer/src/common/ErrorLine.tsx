/** A request's failure in words, where the request was made. */
export function ErrorLine({ error }: { error: { code?: string; message: string } | null }) {
  if (!error) return null;
  return (
    <p className="problem error" role="alert">
      {error.message}
    </p>
  );
}
