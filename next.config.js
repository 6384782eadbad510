/** @type {import('next').NextConfig} */
const nextConfig = {
  // The core's server-only dependencies stay plain Node modules instead of being bundled.
  serverExternalPackages: ['kafkajs', 'mariadb', 'pino', '@prisma/adapter-mariadb', '@prisma/client'],
  poweredByHeader: false,
  reactStrictMode: true,
  typedRoutes: false,
  devIndicators: false,
};
export default nextConfig;
