import pino from "pino";
import { getRequestContext } from "./request-context.server";
import { singleton } from "./singleton.server";

/**
 * One JSON logger for the whole process. Every line carries the request id when there is one,
 * so a user's "request id" on an error page finds the server's side of the story.
 */
export const logger = singleton("logger", () =>
  pino({
    level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "silent" : "info"),
    base: undefined,
    mixin() {
      const context = getRequestContext();
      return context ? { requestId: context.requestId } : {};
    },
  }),
);
