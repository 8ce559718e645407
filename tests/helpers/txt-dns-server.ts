import { createServer, Packet } from "dns2";

const NXDOMAIN = 3;

/**
 * A real DNS server on 127.0.0.1 (dns2, UDP) that answers TXT questions from `zone` (name -> TXT
 * values; any other name is NXDOMAIN). A name in `gates` holds its answers until `size` questions
 * for it have arrived, so that concurrent look-ups of one name all wait for each other.
 */
export async function startTxtDnsServer() {
  const zone = new Map<string, string[]>();
  const gates = new Map<string, { size: number; waiting: (() => void)[] }>();

  function answer(request: Packet, send: (response: Packet) => Promise<Buffer>) {
    const response = Packet.createResponseFromRequest(request);
    const [question] = request.questions;
    const values = question ? zone.get(question.name.toLowerCase()) : undefined;
    if (!question || !values) {
      response.header.rcode = NXDOMAIN;
    } else {
      for (const data of values) {
        response.answers.push(
          Packet.createResourceFromQuestion(question, { type: Packet.TYPE.TXT, class: Packet.CLASS.IN, ttl: 1, data }),
        );
      }
    }
    void send(response);
  }

  const server = createServer({
    udp: true,
    handle: (request, send) => {
      const gate = gates.get(request.questions[0]?.name.toLowerCase() ?? "");
      if (gate) {
        gate.waiting.push(() => answer(request, send));
        if (gate.waiting.length >= gate.size) for (const release of gate.waiting.splice(0)) release();
        return;
      }
      answer(request, send);
    },
  });
  const port = (await server.listen({ udp: { port: 0, address: "127.0.0.1" } })).udp?.port;
  if (!port) throw new Error("the test DNS server did not start");
  return { zone, gates, port, close: () => server.close() };
}
