import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "build/**",
      "node_modules/**",
      "app/types/**",
      "coverage/**",
      "test-results/**",
      ".data/**",
      "bench/.built/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-console": ["error", { allow: ["warn", "error"] }],
    },
  },
  {
    // Scripts, benchmarks and the entry points print to the terminal by design.
    files: ["scripts/**", "sim/main.ts", "bin/**", "bench/**"],
    rules: { "no-console": "off" },
  },
  {
    // Theme app extension scripts run in the storefront's browser.
    files: ["extensions/**/*.js"],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ["tests/**"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
);
