import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { PUBLIC_OPERATION_EXTENSION } from '../auth/auth.decorators';
import { ErrorResponse } from './error-response.dto';

export const OPENAPI_PATH = 'docs';
/** The security scheme every non-public operation requires. */
export const BEARER_SCHEME = 'bearer';

export interface OpenApiOptions {
  readonly title?: string;
  readonly version?: string;
  readonly description?: string;
}

/**
 * Builds the OpenAPI document from the app's controllers (explicit @nestjs/swagger decorators;
 * no CLI plugin) and serves Swagger UI at `/docs` and the JSON at `/docs-json`. Both are plain
 * routes on the HTTP adapter, outside Nest's guards: public by construction.
 *
 * Bearer auth is the document-wide default, like the global guard; `@Public()` operations are
 * given an empty `security` list, and every secured operation documents its 401.
 */
export function setupOpenApi(app: INestApplication, options: OpenApiOptions = {}): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle(options.title ?? 'Switchboard API')
    .setVersion(options.version ?? 'v1')
    .setDescription(
      options.description ??
        'Event-sourced customer-service IM. Errors are `{code, message}`; send ' +
          '`Authorization: Bearer <token>` on every route not marked public.',
    )
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, BEARER_SCHEME)
    .addSecurityRequirements(BEARER_SCHEME)
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    extraModels: [ErrorResponse],
  });
  applyPublicMarkers(document);
  SwaggerModule.setup(OPENAPI_PATH, app, document, {
    jsonDocumentUrl: `${OPENAPI_PATH}-json`,
    yamlDocumentUrl: `${OPENAPI_PATH}-yaml`,
  });
  return document;
}

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

function applyPublicMarkers(document: OpenAPIObject): void {
  for (const item of Object.values(document.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = (item as Record<string, OperationLike | undefined>)[method];
      if (operation === undefined) continue;
      if (operation[PUBLIC_OPERATION_EXTENSION] === true) {
        delete operation[PUBLIC_OPERATION_EXTENSION];
        operation.security = [];
        continue;
      }
      operation.responses ??= {};
      operation.responses['401'] ??= {
        description: 'Missing, invalid or expired bearer token',
        content: {
          'application/json': { schema: { $ref: '#/components/schemas/ErrorResponse' } },
        },
      };
    }
  }
}

interface OperationLike {
  [extension: `x-${string}`]: unknown;
  security?: unknown[];
  responses?: Record<string, unknown>;
}
