// Per-component output geometry shared by decoder.ts (which sets it up) and output.ts.
export const compW = new StaticArray<i32>(4); // scaled component width (samples)
export const compHt = new StaticArray<i32>(4); // scaled component height (rows)
export const planeW = new StaticArray<i32>(4); // stride of a component's MCU-row plane
export const planeRows = new StaticArray<i32>(4); // rows of a component's MCU-row plane
export const planes = new StaticArray<usize>(12); // 3 rotating MCU-row planes per component
export const lineBuf = new StaticArray<usize>(4); // upsampled output line per component
export const linePtr = new StaticArray<usize>(4); // the line each component contributes to a row
