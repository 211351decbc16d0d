Console.WriteLine("Webshop.Orders");
