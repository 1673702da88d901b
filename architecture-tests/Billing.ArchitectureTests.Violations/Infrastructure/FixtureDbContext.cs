using Microsoft.EntityFrameworkCore;

namespace Billing.Fixture.Infrastructure;

/// <summary>The fixture module's persistence; domain and host code must not see it.</summary>
internal sealed class FixtureDbContext(DbContextOptions<FixtureDbContext> options) : DbContext(options);
