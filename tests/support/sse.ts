export interface SseEvent {
  id?: string;
  event?: string;
  data?: string;
}

/** Reads an event stream frame by frame, as EventSource would. */
export function sseReader(res: Response) {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  return {
    async next(): Promise<SseEvent & { comment?: boolean }> {
      for (;;) {
        const end = buffer.indexOf('\n\n');
        if (end >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const ev: SseEvent & { comment?: boolean } = {};
          for (const line of frame.split('\n')) {
            if (line.startsWith(':')) ev.comment = true;
            const m = /^(id|event|data): ?(.*)$/.exec(line);
            if (m) ev[m[1] as keyof SseEvent] = m[2];
          }
          if (ev.event || ev.comment) return ev;
          continue;
        }
        const { value, done } = await reader.read();
        if (done) throw new Error('stream ended');
        buffer += decoder.decode(value, { stream: true });
      }
    },
    /** The next named event, skipping heartbeats. */
    async nextEvent(): Promise<SseEvent> {
      for (;;) {
        const e = await this.next();
        if (e.event) return e;
      }
    },
    cancel: () => reader.cancel(),
  };
}

export type SseReader = ReturnType<typeof sseReader>;
