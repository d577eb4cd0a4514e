// Error codes reported by pngError() (0 = ok). See index.ts for what each means.
export const PNG_OK: i32 = 0;
export const PNG_ERR_NOT_PNG: i32 = -1;
export const PNG_ERR_CORRUPT: i32 = -2;
export const PNG_ERR_TRUNCATED: i32 = -3;
export const PNG_ERR_TOO_LARGE: i32 = -4;
export const PNG_ERR_UNSUPPORTED: i32 = -5;
export const PNG_ERR_STOPPED: i32 = -6; // the row pipeline refused the rows (its own error says why)
