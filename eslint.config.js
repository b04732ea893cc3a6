// One linter for the whole tree; the import bans keep the pure core free of IO and adapters.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

const coreBans = {
  patterns: [
    {
      group: ["node:fs", "node:fs/*", "fs", "node:net", "node:http", "node:child_process"],
      message: "The core (extract, domain) is pure: IO belongs in an adapter.",
    },
    {
      group: ["**/cli/**", "**/db/**", "**/server/**", "**/web/**", "**/reports/**"],
      message: "The core must not import adapters; adapters import the core.",
    },
  ],
};

export default tseslint.config(
  { ignores: ["dist/**", "web/dist/**", "node_modules/**", "data/**", "test-output/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["src/**/*.ts", "test/**/*.ts", "e2e/**/*.ts"],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/switch-exhaustiveness-check": "error",
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["src/extract/**/*.ts", "src/domain/**/*.ts"],
    rules: { "no-restricted-imports": ["error", coreBans] },
  },
  { files: ["src/**/*.test.ts"], rules: { "no-restricted-imports": "off" } },
  { files: ["vitest.config.ts"], ...tseslint.configs.disableTypeChecked },
  {
    files: ["bin/**/*.js", "bench/**/*.js", "scripts/**/*.js", ".ci/**/*.js"],
    languageOptions: {
      globals: { process: "readonly", console: "readonly", Buffer: "readonly", URL: "readonly" },
    },
  },
);
