// The project's WebAssembly image core. Images live in this module's one linear memory as RGBA8
// buffers allocated with heap.alloc; JS keeps only pointers and dimensions, so full-size pixels
// never cross into JS, and freed buffers are reused by the next request (memory never shrinks).
export function alloc(size: usize): usize {
  return heap.alloc(size);
}

export function free(ptr: usize): void {
  heap.free(ptr);
}

export * from "./pipe/index";
export { hasAlpha, smartCrop, smartCropX, smartCropY } from "./geometry";
export * from "./jpeg/index";
export * from "./jpegenc/index";
export * from "./gif/index";
export * from "./png/index";
export * from "./pngenc/index";
