using System.Net.Sockets;
using Npgsql;

namespace Scorecard.Data;

/// <summary>
/// Whether a failure means the database cannot be reached just now (PostgreSQL restarting, shut down,
/// refusing connections, or the connection lost), rather than a fault in what was asked. Such a failure
/// is answered 503 and changes nothing: every write is one transaction, which the server rolls back
/// when the connection goes. Npgsql drops the pooled connections a restart ended by itself (the outage
/// test restarts PostgreSQL under a running server with pooling on).
/// </summary>
public static class DatabaseOutage
{
    public static bool Is(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
            switch (x)
            {
                // 57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now (starting up); 08xxx connection errors.
                case PostgresException p when p.SqlState.StartsWith("57P", StringComparison.Ordinal) || p.SqlState.StartsWith("08", StringComparison.Ordinal):
                    return true;
                case PostgresException:
                    return false;
                case NpgsqlException { IsTransient: true }:
                case SocketException:
                case EndOfStreamException:
                    return true;
            }
        return false;
    }
}
