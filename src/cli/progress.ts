/**
 * A progress bar for long work on a terminal: drawn on stderr only when it is a TTY and not in
 * CI, so logs and pipes stay clean. Redraws at most ~10 times a second.
 */
export interface Progress {
  tick(done: number): void;
  done(): void;
}

export function progressBar(label: string, total: number, stream: NodeJS.WriteStream = process.stderr): Progress {
  const enabled = Boolean(stream.isTTY) && !process.env.CI;
  let last = 0;
  const start = Date.now();
  const draw = (done: number) => {
    const width = 30;
    const frac = total > 0 ? Math.min(1, done / total) : 1;
    const filled = Math.round(frac * width);
    const secs = (Date.now() - start) / 1000;
    stream.write(
      `\r${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} ${secs.toFixed(1)}s`,
    );
  };
  return {
    tick(done) {
      if (!enabled) return;
      const now = Date.now();
      if (now - last < 100 && done < total) return;
      last = now;
      draw(done);
    },
    done() {
      if (!enabled) return;
      draw(total);
      stream.write('\n');
    },
  };
}
