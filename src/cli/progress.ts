/** A progress bar on standard error for long imports (only on a terminal; silent in pipes and CI logs). */
export function progressBar(label: string, stream: NodeJS.WriteStream = process.stderr) {
  const start = Date.now();
  let last = 0;
  return {
    update(done: number, total: number) {
      if (!stream.isTTY) return;
      const now = Date.now();
      if (now - last < 80 && done < total) return;
      last = now;
      const width = 30;
      const frac = total > 0 ? done / total : 1;
      const bar = '█'.repeat(Math.round(frac * width)).padEnd(width, '░');
      const rate = done / Math.max((now - start) / 1000, 0.001);
      stream.write(
        `\r${label} ${bar} ${Math.round(frac * 100)} % ${done.toLocaleString('fr-BE')}/${total.toLocaleString('fr-BE')} (${Math.round(rate).toLocaleString('fr-BE')}/s)`,
      );
    },
    done() {
      if (stream.isTTY) stream.write('\n');
    },
  };
}
