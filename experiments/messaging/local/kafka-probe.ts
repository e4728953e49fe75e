/**
 * Readiness of a local Kafka broker: a Metadata request (API key 3, version 4, no topics) on the
 * client listener answered with at least one broker. A KRaft broker lists itself only once it
 * has registered with the controller and is unfenced, so an answer with a broker means producers
 * and consumers are served. Wire format: the Kafka protocol guide (kafka.apache.org/protocol,
 * Metadata Request/Response v4: request header v1, response header v0, non-flexible).
 */
import * as net from 'net';

const METADATA_API_KEY = 3;
const METADATA_VERSION = 4;
const CLIENT_ID = 'perflab-probe';

/** The Metadata v4 request frame for no topics, with `correlationId`. */
export function metadataRequest(correlationId: number): Buffer {
  const client = Buffer.from(CLIENT_ID);
  // header v1: api_key int16, api_version int16, correlation_id int32, client_id string; body: topics (empty array) int32, allow_auto_topic_creation bool
  const body = Buffer.alloc(2 + 2 + 4 + 2 + client.length + 4 + 1);
  let o = body.writeInt16BE(METADATA_API_KEY, 0);
  o = body.writeInt16BE(METADATA_VERSION, o);
  o = body.writeInt32BE(correlationId, o);
  o = body.writeInt16BE(client.length, o);
  o += client.copy(body, o);
  o = body.writeInt32BE(0, o);
  body.writeInt8(0, o);
  const size = Buffer.alloc(4);
  size.writeInt32BE(body.length, 0);
  return Buffer.concat([size, body]);
}

/**
 * Brokers listed in a Metadata v4 response frame (size prefix included) with `correlationId`;
 * undefined when the frame is incomplete or answers another request.
 */
export function brokersInMetadataResponse(frame: Buffer, correlationId: number): number | undefined {
  // size int32, correlation_id int32, throttle_time_ms int32, brokers array length int32
  if (frame.length < 16 || frame.readInt32BE(0) + 4 > frame.length) return undefined;
  if (frame.readInt32BE(4) !== correlationId) return undefined;
  return frame.readInt32BE(12);
}

/** Whether a Kafka broker on 127.0.0.1:port answers a Metadata request listing a broker within `timeoutMs`. */
export function kafkaServes(port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const correlationId = Math.floor(Math.random() * 0x7fffffff);
    const socket = net.connect({ host: '127.0.0.1', port });
    let received = Buffer.alloc(0);
    const finish = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.on('error', () => finish(false));
    socket.on('close', () => finish(false));
    socket.on('connect', () => socket.write(metadataRequest(correlationId)));
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (received.length >= 4 && received.readInt32BE(0) + 4 <= received.length) {
        finish((brokersInMetadataResponse(received, correlationId) ?? 0) > 0);
      }
    });
  });
}
