/**
 * Readiness of a local RabbitMQ: the AMQP listener opens only at the end of the broker's boot,
 * so a server that answers the AMQP 0-9-1 protocol header with a method frame
 * (Connection.Start) is ready for clients.
 */
import * as net from 'net';

const PROTOCOL_HEADER = Buffer.from([0x41, 0x4d, 0x51, 0x50, 0, 0, 9, 1]); // "AMQP" 0 0 9 1
const METHOD_FRAME = 1;

/** Whether an AMQP 0-9-1 server answers on 127.0.0.1:port within `timeoutMs`. */
export function amqpAnswers(port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    const finish = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.on('error', () => finish(false));
    socket.on('connect', () => socket.write(PROTOCOL_HEADER));
    socket.once('data', (chunk: Buffer) => finish(chunk[0] === METHOD_FRAME));
  });
}
