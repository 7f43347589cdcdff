/**
 * A fault of the parallel search itself (a table never posted, a level too big for a thread's
 * buffer, a thread that did not report back), as opposed to an error of the model. The
 * search thread that meets one stops every thread as for a model error, but the run does not
 * end as a model error naming a guard or update that did nothing wrong: checkParallel throws
 * it, and the command line reports an internal error.
 */
export class SearchThreadError extends Error {
  constructor(message: string) {
    super(message.startsWith('internal: ') ? message : `internal: ${message}`);
    this.name = 'SearchThreadError';
  }
}
