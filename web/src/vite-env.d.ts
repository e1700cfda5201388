/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** The API's origin when the UI is served from another one (src/lib/api-origin.ts); empty by default. */
  readonly VITE_API_ORIGIN?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
