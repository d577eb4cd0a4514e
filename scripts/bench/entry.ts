// What the benchmark runs: the Worker's own pipeline, bundled for Node with the same wasm modules.
import coreModule from "../../wasm/build/core.wasm";
import { parseConfig } from "../../src/config";
import { encoders, decoders } from "../../src/pipeline/codecs";
import { loadCore } from "../../src/pipeline/core";
import { generateThumbnail } from "../../src/pipeline/index";
import { parseThumbnailPath } from "../../src/url";

export { decoders, encoders, generateThumbnail, parseConfig, parseThumbnailPath };
export const core = () => loadCore(coreModule);
