// Agent WebSockets through a proxy: `ws` with https-proxy-agent, which opens a CONNECT tunnel for ws: and
// wss: alike (the upgrade then happens end to end, which absolute-form proxying cannot carry). The native
// WebSockets of Node 22+ take no agent, so a proxied socket on Node uses `ws`. https-proxy-agent is an
// optional peer, loaded when a socket is proxied only.
import { proxyFor, type ProxySettings } from "./proxy.js";
import { optionalPeer, proxyRefused } from "./proxy-fetch.js";
import type { HopxError } from "./errors.js";

interface ProxyAgentModule {
  HttpsProxyAgent: new (proxy: string) => ProxyAgentLike;
}
interface ProxyAgentLike {
  on(event: "proxyConnect", listener: (connect: { statusCode: number }) => void): void;
}

/** What websocket-connect.ts needs to open `ws` through the proxy. */
export interface ProxiedSocket {
  /** The `agent` option of `ws`. */
  readonly agent: object;
  /**
   * The typed error when the proxy refused the tunnel (its answer then reaches `ws` as a refused upgrade,
   * which must not be read as the agent's), else undefined.
   */
  refusal(operation: string): HopxError | undefined;
}

const load = optionalPeer<ProxyAgentModule>(
  "https-proxy-agent",
  "a proxied WebSocket",
  (mod) => typeof mod.HttpsProxyAgent === "function",
);

/** Where the socket to `url` goes through a proxy: the agent for `ws`; else undefined (direct). */
export async function proxiedSocket(
  url: string,
  settings: ProxySettings | undefined,
): Promise<ProxiedSocket | undefined> {
  const proxy = proxyFor(settings, url);
  if (!proxy) return undefined;
  const { HttpsProxyAgent } = await load();
  // One agent per socket: its proxyConnect event then tells about this socket's tunnel only.
  const agent = new HttpsProxyAgent(proxy.href);
  let refusedWith: number | undefined;
  agent.on("proxyConnect", (connect) => {
    if (connect.statusCode !== 200) refusedWith = connect.statusCode;
  });
  return {
    agent,
    refusal: (operation) => (refusedWith === undefined ? undefined : proxyRefused(proxy, refusedWith, operation)),
  };
}
