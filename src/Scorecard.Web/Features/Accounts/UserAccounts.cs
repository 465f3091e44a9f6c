using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Scorecard.Data;
using Scorecard.Domain.Accounts;
using Scorecard.Domain.Common;
using Scorecard.Domain.Organisations;

namespace Scorecard.Web.Features.Accounts;

/// <summary>Creating accounts with their role, and resetting passwords: the `users` commands and the demo accounts.</summary>
public sealed class UserAccounts(UserManager<ScorecardUser> users, ScorecardDb db)
{
    /// <summary>Creates the account and its role together, or neither. Returns the password (generated when none is given).</summary>
    public async Task<string> AddAsync(string email, WorkRole role, string? organisation, string? password = null, CancellationToken ct = default)
    {
        email = email.Trim();
        if (!email.Contains('@'))
            throw new InvalidInputException("email", $"「{email}」不是電子郵件地址。");
        Guid? organisationId = null;
        if (role != WorkRole.Administrator)
        {
            if (string.IsNullOrWhiteSpace(organisation))
                throw new InvalidInputException("organisation", $"{Roles.Label(role)}角色須指定機關（--organisation）。");
            var found = OrganisationNames.Find(organisation, await db.Organisations.AsNoTracking().ToListAsync(ct))
                ?? throw new InvalidInputException("organisation", $"找不到機關「{organisation}」（或簡稱不只一個機關使用）。");
            organisationId = found.Id;
        }
        if (await users.FindByEmailAsync(email) is not null)
            throw new InvalidInputException("email", $"帳號「{email}」已存在。");

        password ??= GeneratePassword();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var user = new ScorecardUser { UserName = email, Email = email, EmailConfirmed = true };
        Check(await users.CreateAsync(user, password), "password");
        db.RoleAssignments.Add(new RoleAssignment { UserId = user.Id, Role = role, OrganisationId = organisationId });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return password;
    }

    public async Task<string> ResetPasswordAsync(string email, CancellationToken ct = default)
    {
        var user = await users.FindByEmailAsync(email.Trim()) ?? throw new InvalidInputException("email", $"找不到帳號「{email}」。");
        var password = GeneratePassword();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        Check(await users.RemovePasswordAsync(user), "password");
        Check(await users.AddPasswordAsync(user, password), "password");
        Check(await users.SetLockoutEndDateAsync(user, null), "email");
        Check(await users.ResetAccessFailedCountAsync(user), "email");
        await tx.CommitAsync(ct);
        return password;
    }

    static void Check(IdentityResult result, string field)
    {
        if (!result.Succeeded)
            throw new InvalidInputException(field, $"{Said.List(result.Errors.Select(e => Describe(e)), " ")}");
    }

    static string Describe(IdentityError e) => e.Code switch
    {
        "PasswordTooShort" => "密碼太短（至少 10 個字元）。",
        "PasswordRequiresDigit" => "密碼須含數字。",
        "PasswordRequiresLower" => "密碼須含小寫英文字母。",
        "PasswordRequiresUpper" => "密碼須含大寫英文字母。",
        "PasswordRequiresNonAlphanumeric" => "密碼須含符號。",
        "DuplicateUserName" or "DuplicateEmail" => "帳號已存在。",
        "InvalidEmail" or "InvalidUserName" => "電子郵件地址不正確。",
        _ => e.Description,
    };

    /// <summary>16 random characters that meet the password rules (upper, lower, digit, symbol).</summary>
    public static string GeneratePassword()
    {
        const string upper = "ABCDEFGHJKLMNPQRSTUVWXYZ", lower = "abcdefghijkmnopqrstuvwxyz", digits = "23456789", symbols = "-_.!#%";
        const string all = upper + lower + digits + symbols;
        var chars = new[] { upper, lower, digits, symbols }.Select(set => set[RandomNumberGenerator.GetInt32(set.Length)])
            .Concat(Enumerable.Range(0, 12).Select(_ => all[RandomNumberGenerator.GetInt32(all.Length)]))
            .ToArray();
        RandomNumberGenerator.Shuffle(chars.AsSpan());
        return new string(chars);
    }
}
