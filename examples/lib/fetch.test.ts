import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { portalFetch } from "./fetch";

let server: Server;
let port: number;

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString()));
    request.on("end", () => {
      response.setHeader("retry-after", "7");
      response.statusCode = request.url === "/missing" ? 404 : 200;
      response.end(
        JSON.stringify({
          host: request.headers.host,
          method: request.method,
          tenant: request.headers["x-tenant"],
          body,
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("portalFetch", () => {
  it("reaches a *.localhost name on this machine and sends the name as the Host, as a browser does", async () => {
    const response = await portalFetch(`http://voicereseller.localhost:${port}/api/auth/login`, {
      method: "POST",
      headers: { "x-tenant": "voicereseller", "content-type": "application/json" },
      body: '{"a":1}',
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("retry-after")).toBe("7");
    expect(await response.json()).toEqual({
      host: `voicereseller.localhost:${port}`,
      method: "POST",
      tenant: "voicereseller",
      body: '{"a":1}',
    });
  });

  it("passes the status of a refusal on", async () => {
    const response = await portalFetch(`http://acme.localhost:${port}/missing`);
    expect(response.status).toBe(404);
  });

  it("leaves other addresses to the global fetch", async () => {
    const response = await portalFetch(`http://127.0.0.1:${port}/`);
    expect(await response.json()).toMatchObject({ host: `127.0.0.1:${port}`, method: "GET" });
  });
});
