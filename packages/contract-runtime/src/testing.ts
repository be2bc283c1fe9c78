import { connect } from "node:net";

/**
 * Test helper: writes `bytes` to a fresh connection to 127.0.0.1:`port` as they are (what fetch refuses to send: NUL
 * bytes in headers, broken request lines, `OPTIONS *`) and resolves with everything the server answers until it
 * closes the connection. Send `Connection: close`, or a request the server ends itself.
 */
export function rawHttp(port: number, bytes: string | Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    let data = "";
    socket.on("data", (c) => {
      data += c.toString("latin1");
    });
    socket.on("error", reject);
    socket.on("close", () => resolve(data));
    socket.write(bytes);
  });
}
