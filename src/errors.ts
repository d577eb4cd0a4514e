/**
 * The one error registry. Every failure the service answers with has a stable `code`, an HTTP
 * status and a public message; the internal detail (which may name storage keys or codec
 * internals) only goes to the log.
 */
export const ERRORS = {
  BAD_URL: { status: 400, message: "The URL does not have the form <source>/<size>/<method>/<signature>.<ext>." },
  BAD_SOURCE: { status: 400, message: "The source key in the URL is not valid." },
  BAD_SIZE: { status: 400, message: "The size in the URL is not valid." },
  BAD_METHOD: { status: 400, message: "The method in the URL is not valid." },
  BAD_FORMAT: { status: 400, message: "The output extension in the URL is not supported." },
  BAD_BODY: { status: 400, message: "The request body is not valid." },
  UNAUTHORIZED: { status: 401, message: "A valid admin token is required." },
  // django-rest-thumbnails answered 401 to a signature that did not verify: legacy URLs keep it.
  BAD_LEGACY_SIGNATURE: { status: 401, message: "The URL signature does not match." },
  BAD_SIGNATURE: { status: 403, message: "The URL signature does not match." },
  NOT_FOUND: { status: 404, message: "Not found." },
  SOURCE_NOT_FOUND: { status: 404, message: "The source image does not exist." },
  METHOD_NOT_ALLOWED: { status: 405, message: "Only GET and HEAD are allowed." },
  SOURCE_TOO_LARGE: { status: 413, message: "The source image file is too large." },
  SOURCE_TOO_MANY_PIXELS: { status: 413, message: "The source image has too many pixels." },
  OVER_MEMORY_LIMIT: { status: 413, message: "This thumbnail needs more memory than one request may use." },
  UNSUPPORTED_HEIC: { status: 415, message: "HEIC/HEIF source images are not supported: convert them when they are uploaded." },
  SOURCE_EMPTY: { status: 422, message: "The source image is empty." },
  SOURCE_UNSUPPORTED: { status: 422, message: "The source is not an image in a supported format." },
  SOURCE_UNDECODABLE: { status: 422, message: "The source image could not be decoded." },
  OUTPUT_TOO_LARGE: { status: 422, message: "The thumbnail of this source at this size would be larger than allowed." },
  LOCK_TIMEOUT: { status: 503, message: "The thumbnail is being generated; retry shortly." },
  BUSY: { status: 503, message: "The service is busy with other thumbnails; retry shortly." },
  EDGE_PURGE_FAILED: { status: 502, message: "The stored thumbnails were deleted, but the edge cache purge failed; retry the purge." },
  CONFIG_INVALID: { status: 500, message: "The service is misconfigured." },
  INTERNAL: { status: 500, message: "Internal error." },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERRORS;

export class ThumbnailError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly publicMessage: string;

  /** `detail` is public (it names the argument and what was expected); `internal` is logged only. */
  constructor(code: ErrorCode, options: { detail?: string; internal?: string; cause?: unknown } = {}) {
    super(options.internal ?? options.detail ?? ERRORS[code].message, { cause: options.cause });
    this.name = "ThumbnailError";
    this.code = code;
    this.status = ERRORS[code].status;
    this.publicMessage = options.detail ?? ERRORS[code].message;
  }
}

export function toThumbnailError(error: unknown): ThumbnailError {
  if (error instanceof ThumbnailError) return error;
  const internal = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return new ThumbnailError("INTERNAL", { internal, cause: error });
}
