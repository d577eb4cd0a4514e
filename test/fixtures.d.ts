declare module "*?bytes" {
  const data: ArrayBuffer;
  export default data;
}
