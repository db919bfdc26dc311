/** What the cluster tests share: a lone nats-server and a connection to it per suite, and a message to publish. */
import { after, before } from 'node:test';
import type { ServerMessage, Unsequenced } from '../../protocol/messages.ts';
import { connectNats, type NatsSide } from '../connection.ts';
import { startNats, type NatsCluster } from './nats-server.ts';

/** Started before the suite's tests and stopped after them; read the fields inside tests only. */
export function useNats(name: string): { nats: NatsCluster; side: NatsSide } {
  const context = {} as { nats: NatsCluster; side: NatsSide };
  before(async () => {
    context.nats = await startNats();
    context.side = await connectNats({ servers: [context.nats.servers], replicas: 1, name });
  });
  after(async () => {
    await context.side?.close();
    await context.nats?.close();
  });
  return context;
}

/** A `score_update` of a game between CHA and ATL with the home side on `home`. */
export function scoreUpdate(gameId: string, home: number, timestamp = '2017-10-20T23:10:00.000Z'): Unsequenced<ServerMessage> {
  return {
    type: 'score_update', timestamp, game_id: gameId,
    data: { away_team: 'ATL', home_team: 'CHA', away_score: 0, home_score: home, differential: home, period: 1, clock: '10:00', status: 'In Progress', game_date: '2017-10-20', start_time: '2017-10-20T23:00:00Z' },
  };
}
