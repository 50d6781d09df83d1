/** Stop the browser suite at once, with one instruction, when there is no Chromium to drive. */
import { findChromium, NO_CHROMIUM } from "../fixtures/browser";

export default function setup() {
  if (findChromium()) return;
  process.stderr.write(`\n${NO_CHROMIUM}\n\n`);
  process.exit(1);
}
