// A loopback forward proxy that records what passes through it: absolute-form requests (`GET http://host/path`)
// are forwarded, CONNECT opens a tunnel; `refuse` answers every request with that status instead.
import { createServer, request, type IncomingMessage, type Server } from "node:http";
import { connect, type AddressInfo, type Socket } from "node:net";

export interface ProxyHit {
  kind: "absolute" | "connect";
  /** `http://host:port/path` for absolute-form, `host:port` for CONNECT. */
  target: string;
  proxyAuthorization: string | undefined;
}

export interface TestProxy {
  readonly url: string;
  readonly port: number;
  readonly hits: ProxyHit[];
  close(): Promise<void>;
}

const hit = (kind: ProxyHit["kind"], req: IncomingMessage): ProxyHit => ({
  kind,
  target: req.url ?? "",
  proxyAuthorization: req.headers["proxy-authorization"],
});

export async function startProxy(options: { refuse?: number } = {}): Promise<TestProxy> {
  const hits: ProxyHit[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    hits.push(hit("absolute", req));
    if (options.refuse) {
      res.writeHead(options.refuse, { "proxy-authenticate": 'Basic realm="test"' }).end();
      return;
    }
    const target = new URL(req.url ?? "");
    const headers = { ...req.headers };
    delete headers["proxy-authorization"];
    delete headers["proxy-connection"];
    const upstream = request(
      { host: target.hostname, port: target.port, path: target.pathname + target.search, method: req.method, headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on("error", () => res.destroy());
    req.pipe(upstream);
  });
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  server.on("connect", (req: IncomingMessage, client: Socket, head: Buffer) => {
    hits.push(hit("connect", req));
    if (options.refuse) {
      client.end(`HTTP/1.1 ${options.refuse} Refused\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    const [host, port] = (req.url ?? "").split(":");
    const upstream = connect(Number(port), host, () => {
      client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on("close", () => sockets.delete(upstream));
    upstream.on("error", () => client.destroy());
    client.on("error", () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
