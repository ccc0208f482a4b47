import type { HttpClientOptions } from '../../http';
import { ashbyHttpOptions, ashbyWriteBack } from './ashby';
import { greenhouseHttpOptions, greenhouseWriteBack } from './greenhouse';
import { leverHttpOptions, leverWriteBack } from './lever';
import type { AtsWriteBack, WriteBackConnection } from './types';

export * from './types';

export function connectWriteBack(conn: WriteBackConnection): { writeBack: AtsWriteBack; http: HttpClientOptions } {
  switch (conn.system) {
    case 'greenhouse':
      return { writeBack: greenhouseWriteBack(conn), http: greenhouseHttpOptions(conn) };
    case 'ashby':
      return { writeBack: ashbyWriteBack(conn), http: ashbyHttpOptions(conn) };
    case 'lever':
      return { writeBack: leverWriteBack(conn), http: leverHttpOptions(conn) };
  }
}
