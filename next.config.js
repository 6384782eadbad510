/** @type {import('next').NextConfig} */
const nextConfig = {
  // The core's server-only dependencies stay plain Node modules instead of being bundled.
  serverExternalPackages: ['kafkajs', 'snappy', 'mariadb', 'pino', '@prisma/adapter-mariadb', '@prisma/client'],
  poweredByHeader: false,
  reactStrictMode: true,
  typedRoutes: false,
  devIndicators: false,
  // `npm run typecheck` checks the whole project (tests included) in npm test; the build does not
  // repeat it, so a console build never depends on test files.
  typescript: { ignoreBuildErrors: true },
};
export default nextConfig;
