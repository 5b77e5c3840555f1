// Data worker entry: parsing, cleaning and dataset storage happen here, never on the main thread.
import * as Comlink from 'comlink';
import { createDataApi } from './data-api';
import { createDbOpener } from './open-db';
import { decodeImageInWorker } from './image-decode';
import { isTrainingRunning } from './training-lock';

Comlink.expose(createDataApi({ db: createDbOpener(), isTrainingRunning, decodeImage: decodeImageInWorker }));
