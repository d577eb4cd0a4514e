import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  // wasm/assembly is AssemblyScript (function decorators, i32/usize): checked by its compiler.
  { ignores: ["dist/", "node_modules/", ".wrangler/", "wasm/build/", "wasm/assembly/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["bin/**/*.mjs", "scripts/**/*.mjs", "wasm/*.mjs", "test/node/**", "test/e2e/**", "test/references/**"],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
);
