/**
 * `karvon export | head`: the reader takes what it wants and closes the pipe. Writing more then
 * fails with EPIPE, which is the reader's "enough", not a fault of ours: the command ends quietly
 * with exit code 0, as other Unix tools do, instead of dying on an unhandled 'error' event with a
 * stack trace. Any other write error is still thrown.
 */
export function endQuietlyWhenReaderCloses(output: NodeJS.WriteStream, exit: (code: number) => void = (code) => process.exit(code)): void {
  output.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') exit(0);
    else throw error;
  });
}
