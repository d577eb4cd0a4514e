// Error codes reported by gifError() (0 = ok). See index.ts for what each means.
export const GIF_OK: i32 = 0;
export const GIF_ERR_NOT_GIF: i32 = -1;
export const GIF_ERR_CORRUPT: i32 = -2;
export const GIF_ERR_TRUNCATED: i32 = -3;
export const GIF_ERR_TOO_LARGE: i32 = -4;
export const GIF_ERR_STOPPED: i32 = -5; // the row pipeline refused the rows (its own error says why)
