/** Where the map's production build lives (`npm run build:web`): `web/dist` in the package. */
import { packagePath } from '../shared/packageInfo.ts';

export const DEFAULT_WEB_ROOT = packagePath('web', 'dist');
