// KEM import limits both sides check, free of zod: the renderer bundles this file.

/**
 * The most file bytes the window sends. A KEM file of a thousand meters is smaller; the web bridge
 * carries at most 1 MiB per message, and base64 makes 4 characters of every 3 bytes.
 */
export const KEM_UPLOAD_MAX_BYTES = 640 * 1024;

/** What the file picker offers: a KEM file or a zip archive holding one. */
export const KEM_FILE_TYPES = '.kem,.kem2,.zip';

/** Words for a file over the limit, the same in the window and in main. */
export const KEM_TOO_LARGE = `The file is larger than ${KEM_UPLOAD_MAX_BYTES / 1024} kB, more than a KEM file of a thousand meters; zip it, or import it on the command line (keys import FILE).`;
