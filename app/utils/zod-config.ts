/**
 * Zod 4 probes for eval (new Function) to compile faster object parsers — when a schema is
 * defined, i.e. as soon as a module with a form schema loads. Our Content Security Policy forbids
 * eval, so the probe itself is reported as a violation in the browser. Parse without the JIT (the
 * forms are small; the cost is nil). Imported first by app/root.tsx so it runs before any module
 * that defines a schema (route modules load after the root).
 */
import * as z from "zod";

z.config({ jitless: true });
