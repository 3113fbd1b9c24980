import { readFileSync } from 'node:fs';

/** What Linux allows this process: Node raises the soft limit of open files to the hard one at start. */
function openFileLimit(): number | null {
  try {
    const line = /^Max open files\s+(\d+)/m.exec(readFileSync('/proc/self/limits', 'utf8'));
    return line ? Number(line[1]) : null;
  } catch {
    return null;
  }
}

/**
 * Half the process's file descriptors (each stream holds a socket), so requests, the database and files
 * always keep the other half: a flood of streams cannot make /healthz or posting fail. 1,024 descriptors
 * are assumed where the limit cannot be read.
 */
export function defaultMaxStreams(limit = openFileLimit()): number {
  return Math.max(1, Math.floor((limit ?? 1024) / 2));
}

export type StreamAdmission =
  | { ok: true; release: () => void }
  | { ok: false; reason: 'client' | 'server' };

/**
 * Counts open live-update streams, per client and in all. A slot is taken when a stream opens and given
 * back exactly once when it closes; a client that has none open leaves no entry behind.
 */
export function createStreamLimits(opts: { maxStreams: number; maxPerClient: number }) {
  const perClient = new Map<string, number>();
  let open = 0;
  return {
    admit(client: string): StreamAdmission {
      const mine = perClient.get(client) ?? 0;
      if (mine >= opts.maxPerClient) return { ok: false, reason: 'client' };
      if (open >= opts.maxStreams) return { ok: false, reason: 'server' };
      perClient.set(client, mine + 1);
      open += 1;
      let released = false;
      return {
        ok: true,
        release() {
          if (released) return;
          released = true;
          open -= 1;
          const left = (perClient.get(client) ?? 1) - 1;
          if (left > 0) perClient.set(client, left);
          else perClient.delete(client);
        },
      };
    },
    /** Streams open right now. */
    size: () => open,
  };
}

export type StreamLimits = ReturnType<typeof createStreamLimits>;
