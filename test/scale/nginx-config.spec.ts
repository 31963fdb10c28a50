import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');
const CONF = readFileSync(resolve(ROOT, 'deploy/nginx/switchboard.conf'), 'utf8');
const COMPOSE = parse(readFileSync(resolve(ROOT, 'docker-compose.yml'), 'utf8')) as {
  services: Record<string, { command?: string[]; volumes?: string[] }>;
};

function upstream(name: string): string {
  const match = new RegExp(`upstream ${name} \\{([^}]*)\\}`).exec(CONF);
  if (match === null) throw new Error(`no upstream ${name}`);
  return match[1]!;
}

function servers(block: string): string[] {
  return [...block.matchAll(/^\s*server ([\w.-]+):\d+/gm)].map((m) => m[1]!);
}

// No nginx binary here: the config is checked against the compose file it is mounted in.
describe('deploy/nginx/switchboard.conf', () => {
  const gateways = Object.entries(COMPOSE.services)
    .filter(([, service]) => service.command?.some((part) => part.includes('apps/gateway/')))
    .map(([name]) => name);

  it('balances over every gateway service of docker-compose.yml, sticky and least_conn', () => {
    expect(gateways).toHaveLength(3);
    expect(upstream('switchboard_gateways')).toMatch(/^\s*ip_hash;/m);
    expect(servers(upstream('switchboard_gateways')).sort()).toEqual(gateways.sort());
    expect(upstream('switchboard_gateways_least_conn')).toMatch(/^\s*least_conn;/m);
    expect(servers(upstream('switchboard_gateways_least_conn')).sort()).toEqual(gateways.sort());
    expect(servers(upstream('switchboard_im'))).toEqual(['im']);
    expect(servers(upstream('switchboard_customer_service'))).toEqual(['customer-service']);
    expect(COMPOSE.services.nginx?.volumes).toContain(
      './deploy/nginx/switchboard.conf:/etc/nginx/conf.d/default.conf:ro',
    );
  });

  it('upgrades WebSockets on /socket.io/ and routes REST by path', () => {
    const socketIo = /location \/socket\.io\/ \{([^}]*)\}/.exec(CONF)![1]!;
    expect(socketIo).toContain('proxy_pass http://switchboard_gateways;');
    expect(socketIo).toContain('proxy_set_header Upgrade $http_upgrade;');
    expect(socketIo).toContain('proxy_set_header Connection $connection_upgrade;');
    expect(CONF).toMatch(
      /location ~ \^\/v1\/\(conversations\|messages\|uploads\)[^{]*\{\s*proxy_pass http:\/\/switchboard_im;/,
    );
    expect(CONF).toMatch(/location \/v1\/ \{\s*proxy_pass http:\/\/switchboard_customer_service;/);
    expect(CONF).toMatch(
      /location = \/v1\/gateways\/allocate \{\s*proxy_pass http:\/\/switchboard_gateways;/,
    );
  });

  it('serves the built web UI at / from the mounted dist/web, hashed assets cached for good', () => {
    expect(COMPOSE.services.nginx?.volumes).toContain(
      './dist/web:/usr/share/nginx/switchboard-web:ro',
    );
    const root = /location \/ \{([^}]*)\}/.exec(CONF)![1]!;
    expect(root).toContain('root /usr/share/nginx/switchboard-web;');
    expect(root).toContain('try_files $uri $uri/ =404;');
    expect(/location \/assets\/ \{([^}]*)\}/.exec(CONF)![1]).toContain('immutable');
  });
});
