/** An HTTP error as it travels between formats: status plus that format's error body. */
export interface HttpError<B = unknown> {
  status: number;
  body: B;
}
