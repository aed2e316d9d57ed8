export interface Gateway {
  fetch(request: Request): Promise<Response>;
}
export declare function createGateway(): Gateway;
