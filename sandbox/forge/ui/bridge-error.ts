/** A bridge call the sandbox refuses or cannot complete; the frame's promise rejects with `message`. */
export class BridgeCallError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
    this.name = 'BridgeCallError';
  }
}
