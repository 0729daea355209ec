/** Every REST route the emulator serves, registered on one router. */
import { Router } from '../http/router';
import { registerServerRoutes } from './server';
import { registerProjectRoutes } from './projects';
import { registerMetaRoutes } from './meta';
import { registerIssueRoutes } from './issues';
import { registerSearchRoutes } from './search';
import { registerCommentRoutes } from './comments';
import { registerAttachmentRoutes } from './attachments';
import { registerLinkRoutes } from './links';
import { registerPropertyRoutes } from './properties';
import { registerChangelogRoutes } from './changelog';

export function buildRouter(): Router {
  const router = new Router();
  registerServerRoutes(router);
  registerProjectRoutes(router);
  registerMetaRoutes(router);
  registerIssueRoutes(router);
  registerSearchRoutes(router);
  registerCommentRoutes(router);
  registerAttachmentRoutes(router);
  registerLinkRoutes(router);
  registerPropertyRoutes(router);
  registerChangelogRoutes(router);
  return router;
}
