namespace LoanPlatform.Loans.Model;

/// <summary>One monthly installment in whole rupiah; Balance is the principal still owed after it is paid.</summary>
public sealed record RepaymentInstallment(int Number, DateOnly DueDate, long Principal, long Interest, long Fee, long Total, long Balance);
