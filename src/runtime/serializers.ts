// Request body serializers for what openapi-fetch's JSON default gets wrong (it turns a Blob into "{}").

/** multipart/form-data from a flat object; Blobs become file parts, everything else a text field. */
export function multipartBody(body: unknown): FormData {
  const form = new FormData();
  if (typeof body !== "object" || body === null) return form;
  for (const [key, value] of Object.entries(body)) {
    if (value === undefined || value === null) continue;
    if (value instanceof Blob) form.append(key, value, value instanceof File ? value.name : key);
    else form.append(key, typeof value === "string" ? value : JSON.stringify(value));
  }
  return form;
}

/** Passes a binary body (Blob, bytes, stream) through untouched. */
export function rawBody(body: unknown): BodyInit {
  return body as BodyInit;
}
