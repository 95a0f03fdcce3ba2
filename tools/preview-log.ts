// What of `observable preview`'s standard output a person needs. Framework 1.13 logs every request
// (`GET /_import/components/….js?sha=…`), every live-reload socket message (`↑ {…}`, `↓ {…}`, the
// latter with whole pages of HTML) and every loader lookup (`load /data/corpus/reports.csv →
// [fresh] success 293 kB in 5ms`), with no option to turn it off: one page view printed 40–70 lines.
// This keeps the banner, warnings and errors and drops that noise; the site's own loaders say what
// they do on standard error (in Chinese), which is passed through untouched.

const ANSI = /\x1b\[[0-9;]*m/g;
/** A loader lookup's start ("load /data/x → ") and cache state, written before the result on the same line. */
const LOADER_FRAGMENTS = /load \S+ → |\[(?:fresh|missing|stale|using stale)\] /g;
const NOISE = [
  /^(?:GET|HEAD|POST|PUT|DELETE|OPTIONS) \//,
  /^socket (?:open|close) /,
  /^success (?:\S+ \S+|empty output) in \d+ms$/,
  /^\s*$/
];
/** A socket message: `↑ {…}` on one line, or a multi-line object closed by "}" at the start of a line. */
const SOCKET_MESSAGE = /^[↑↓] /;

export class PreviewLogFilter {
  private partial = "";
  private inMessage = false;

  /** Feeds a chunk of output; returns the complete lines to show. */
  push(chunk: string): string[] {
    const text = this.partial + chunk;
    const lines = text.split("\n");
    this.partial = lines.pop() ?? "";
    return lines.flatMap((line) => this.line(line));
  }

  /** The last line, if the output ended without a newline. */
  end(): string[] {
    const rest = this.partial;
    this.partial = "";
    return rest ? this.line(rest) : [];
  }

  private line(raw: string): string[] {
    const line = raw.replace(ANSI, "").replace(/\r$/, "").replace(LOADER_FRAGMENTS, "");
    if (this.inMessage) {
      if (/^[}\]]$/.test(line)) this.inMessage = false;
      return [];
    }
    if (SOCKET_MESSAGE.test(line)) {
      this.inMessage = /[{[]$/.test(line);
      return [];
    }
    return NOISE.some((re) => re.test(line)) ? [] : [line];
  }
}
