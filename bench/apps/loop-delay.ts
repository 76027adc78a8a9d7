/**
 * Event-loop delay inside an app under test (perf_hooks.monitorEventLoopDelay, 1 ms resolution),
 * read by the bench over the IPC channel: "loop-delay:reset" before a load, "loop-delay:read"
 * after it, answered with { p50Ms, p99Ms, maxMs }. Without an IPC channel it does nothing.
 */
import { monitorEventLoopDelay } from "node:perf_hooks";

export interface LoopDelay {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

export function reportLoopDelay(): void {
  if (process.send === undefined) return;
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  // The channel must not keep the app alive: it stops on SIGTERM as it would without it.
  process.channel?.unref();
  process.on("message", (message) => {
    if (message === "loop-delay:reset") {
      histogram.reset();
      process.send?.({ loopDelay: "reset" });
    } else if (message === "loop-delay:read") {
      const ms = (ns: number) => ns / 1e6;
      const delay: LoopDelay = {
        p50Ms: ms(histogram.percentile(50)),
        p99Ms: ms(histogram.percentile(99)),
        maxMs: ms(histogram.max),
      };
      process.send?.({ loopDelay: delay });
    }
  });
}
